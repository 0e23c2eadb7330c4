"""BTS fulfillment WMS client: ``WmsClient`` (client.py), models, errors."""
