"""Log formatting, imported by the LOGGING setting before apps load: standard library only."""

import logging
import time


class UTCFormatter(logging.Formatter):
    """ISO 8601 timestamps in UTC, whatever the server's or the school's zone (security events are compared across
    schools and with the hosting provider's logs)."""

    converter = time.gmtime

    def formatTime(self, record, datefmt=None):
        return time.strftime("%Y-%m-%dT%H:%M:%S", self.converter(record.created)) + f".{int(record.msecs):03d}Z"
