"""The quarterly agenda: expected advice requests per quarter, published in versions."""
