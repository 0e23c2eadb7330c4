"""FSM states, one group per flow."""

from __future__ import annotations

from aiogram.fsm.state import State, StatesGroup


class Onboarding(StatesGroup):
    language = State()
    role = State()


class Login(StatesGroup):
    username = State()
    password = State()
    inn = State()


class NewOrder(StatesGroup):
    sender_pick = State()
    sender_name = State()
    sender_phone = State()
    sender_address = State()
    sender_city = State()
    sender_delivery = State()
    sender_date = State()
    receiver_name = State()
    receiver_phone = State()
    receiver_phone2 = State()
    receiver_delivery = State()
    receiver_city = State()
    receiver_branch = State()
    receiver_address = State()
    weight = State()
    pieces = State()
    package = State()
    content = State()
    volume = State()
    items = State()
    cod = State()
    cod_amount = State()
    cod_goods = State()
    mxik_spic = State()
    mxik_name = State()
    mxik_units = State()
    mxik_price = State()
    photo = State()
    waybill = State()
    comment = State()
    summary = State()
    unsure = State()


class OrderSearch(StatesGroup):
    query = State()


class Price(StatesGroup):
    p_from = State()
    p_to = State()
    p_date = State()
    p_weight = State()


class Branches(StatesGroup):
    search = State()


class SettingsFlow(StatesGroup):
    rename = State()


class PaymentFlow(StatesGroup):
    amount = State()
    purpose = State()


class MerchantSetup(StatesGroup):
    ypay_merchant = State()
    ypay_env = State()
    ypay_key = State()
