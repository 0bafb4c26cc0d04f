"""The public web service (ASGI): applicants submit, follow and receive their case online.

Beside ``app/ui``, never below it: routes, templates and forms only. Every rule (validation,
throttling, who may see what) is in ``app.services.online``.
"""
