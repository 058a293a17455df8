"""No contact details in logs.

Every log record is masked where it is made (a log record factory), so whichever handler
writes it (console, file, error mail, a test's capture) gets the masked text: the message,
its arguments and the formatted traceback. Request bodies are never logged: Django's
request logger writes only the path, and settings.LOGGING has no handler (such as
AdminEmailHandler) that would print the request it attaches.
"""

import logging
import traceback

from juntos.privacy.rules import mask_contact_details

_installed = False


def _masking_factory(original):
    def factory(*args, **kwargs):
        record = original(*args, **kwargs)
        try:
            message = record.getMessage()
        except Exception:  # a bad format string: keep the raw message, masked
            message = str(record.msg)
        record.msg = mask_contact_details(message)
        record.args = ()
        if record.exc_info and record.exc_info[0] is not None:
            text = "".join(traceback.format_exception(*record.exc_info))
            record.exc_text = mask_contact_details(text.rstrip("\n"))
            record.exc_info = None
        return record

    return factory


def install():
    global _installed
    if _installed:
        return
    logging.setLogRecordFactory(_masking_factory(logging.getLogRecordFactory()))
    _installed = True
