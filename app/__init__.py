"""Disclosure Desk (依申请公开办理系统): government-information-disclosure request workflow."""

__version__ = "0.1.0"
