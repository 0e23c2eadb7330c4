"""Settings read from the environment (and an optional `.env` file), once, in main."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

DEFAULT_DATA_DIR = Path("data")


class RouteStyle(StrEnum):
    """How BTS routes are spelled (see api-notes): Yii query routes or path routes."""

    QUERY = "query"
    PATH = "path"


LogFormat = Literal["text", "json"]


class EditFormat(StrEnum):
    FLAT = "flat"
    NESTED = "nested"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    # Telegram
    bot_token: SecretStr | None = None
    telegram_api_url: str = "https://api.telegram.org"
    admin_ids: Annotated[list[int], NoDecode] = Field(default_factory=list)
    default_language: str = "uz"
    log_level: str = "INFO"
    # "text" (one readable line a record) or "json" (one JSON object a line, for log shippers).
    log_format: LogFormat = Field(default="text")
    # Webhook mode: Telegram POSTs updates to this URL (its path is served on WEB_HOST:WEB_PORT);
    # unset: the bot long-polls. The secret, when unset, is derived from BOT_TOKEN and SECRET_KEY.
    telegram_webhook_url: str | None = None
    telegram_webhook_secret: SecretStr | None = None
    telegram_webhook_max_connections: int = Field(default=40, ge=1, le=100)

    # Storage
    database_url: str = f"sqlite+aiosqlite:///{DEFAULT_DATA_DIR / 'bot.sqlite3'}"
    secret_key: SecretStr | None = None
    # Several processes: conversations, per-chat update order and the push rate limit in Redis.
    redis_url: str | None = None
    redis_key_prefix: str = "bts"  # every key this bot writes starts with it (one Redis, several bots)
    # How long one chat's lock may be held (seconds): a process killed mid-update frees it then.
    update_lock_timeout: float = Field(default=60.0, gt=0)

    # BTS courier API
    bts_base_url: str = "http://api.bts.uz:8080/index.php"
    bts_route_style: RouteStyle = RouteStyle.QUERY
    # Unset: follows the route style (path → nested, seed 000's server; query → flat, seed 001's).
    bts_edit_format: EditFormat | None = None
    # The paths of the two MXIK goods endpoints were lost in the copy of the document (api-notes).
    bts_mxik_register_route: str = "v1/mxik-goods/create"
    bts_mxik_list_route: str = "v1/mxik-goods/index"
    bts_timeout: float = 15.0
    # Optional service account for what no seller login covers: the branch directory and
    # international tracking for customers. Without it, a logged-in seller's account is used.
    bts_service_username: str | None = None
    bts_service_password: SecretStr | None = None
    bts_service_inn: str | None = None

    # BTS fulfillment WMS
    wms_base_url: str = "http://wms.bts.uz:8040"
    # The sync of the WMS ``*/clients`` lists (seconds between passes) and how often an open
    # fulfillment order is asked about.
    wms_sync_interval: float = Field(default=120.0, gt=0)
    wms_order_interval: float = Field(default=300.0, gt=0)

    # Yandex Pay
    yandex_pay_base_url: str = "https://pay.yandex.uz/api/merchant"
    yandex_pay_sandbox_url: str = "https://sandbox.pay.yandex.uz/api/merchant"

    # Pushes and background work
    push_rate: float = 28.0
    # Run the status poller and the push sender inside the bot process (else: python -m bot worker).
    worker_in_process: bool = True
    # Status polling, in seconds: how often the poller wakes, and how often an order is checked
    # (changed within a day: "fresh"; older: "stale"); several changes for one chat within the
    # merge window become one message; pending payments are asked about every PAYMENT_POLL_INTERVAL.
    poll_tick: float = Field(default=60.0, gt=0)
    poll_fresh_interval: float = Field(default=600.0, gt=0)
    poll_stale_interval: float = Field(default=2700.0, gt=0)
    push_merge_window: float = Field(default=30.0, ge=0)
    payment_poll_interval: float = Field(default=5.0, gt=0)

    # Webhooks: the public base URL Yandex Pay calls (…/v1/webhook), and where we listen.
    public_url: str | None = None
    web_host: str = "0.0.0.0"  # a server that Yandex must reach
    web_port: int = 8081

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _split_ids(cls, value: object) -> object:
        if isinstance(value, str):
            return [int(part) for part in value.replace(";", ",").split(",") if part.strip()]
        if isinstance(value, int):
            return [value]
        return value

    @field_validator("default_language")
    @classmethod
    def _known_language(cls, value: str) -> str:
        if value not in ("uz", "ru", "en"):
            raise ValueError("DEFAULT_LANGUAGE must be one of uz, ru, en")
        return value

    @property
    def edit_format(self) -> EditFormat:
        """The order edit's form: as set, else the route style's (api-notes)."""
        if self.bts_edit_format is not None:
            return self.bts_edit_format
        return EditFormat.NESTED if self.bts_route_style is RouteStyle.PATH else EditFormat.FLAT

    @property
    def data_dir(self) -> Path:
        """Folder of the SQLite file (where the generated key file lives too)."""
        prefix = "sqlite+aiosqlite:///"
        if self.database_url.startswith(prefix):
            return Path(self.database_url[len(prefix) :]).parent
        return DEFAULT_DATA_DIR
