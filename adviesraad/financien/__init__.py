"""Money (§4.2.5, Bijlage 7 and 9): the volunteer allowance, the budget, expense declarations."""
