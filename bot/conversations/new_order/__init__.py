"""The new order (and the edit of an order, which reuses its steps and summary).

``table`` declares the steps; ``parties``, ``places`` and ``cargo`` hold their questions and
handlers; ``summary`` the summary card, Confirm and Save; ``entry`` the ways in (no router).
"""
