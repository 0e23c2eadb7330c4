"""Yandex Pay merchant API client: ``YandexPayClient`` (client.py), models, errors."""
