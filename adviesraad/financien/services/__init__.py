"""The write side of money: one module per concept (periods, budget, declarations)."""
