"""The receipt date (收到申请之日, domain §2): the start of every clock, derived from the channel."""

from datetime import date

from app.workflow.vocabulary import Channel


def receipt_date_for(channel: str, arrival: date | None, confirmation: date | None) -> date | None:
    """In person / signed-for mail → arrival; 平信 and online → the day both sides confirm."""
    ch = Channel(channel)
    if ch.needs_confirmation:
        return confirmation
    if ch is Channel.OTHER:
        return confirmation or arrival
    return arrival
