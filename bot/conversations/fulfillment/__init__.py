"""Fulfillment at the BTS warehouse (WMS): the step tables, cards and callback data (no routers)."""
