"""gunicorn's own log lines (its error log and its access log) in the app's format.

`gunicorn.conf.py` names `GunicornLogger` as gunicorn's `logger_class`. Error-log lines
(workers booting, timeouts, a worker killed) get the app's formatter: timestamp, level, logger
and, while a request is being served, its id; JSON when `LOG_FORMAT=json`. Each access-log line
is one record with the method, the path without its query string (a search can be about
someone's health), the status, the size, the time taken and the request id (the one the app
echoed in `X-Request-ID`, which is nginx's when a trusted proxy sent one); no cookies, no
referrer, no user agent. Everything still goes through `redact()`.
"""

import os

from gunicorn.glogging import Logger

from .log import JsonFormatter, RequestContextFilter, TextFormatter, redact


def _header(headers, name: str) -> str | None:
    items = headers.items() if hasattr(headers, "items") else headers
    return next((value for key, value in items if key.lower() == name), None)


class GunicornLogger(Logger):
    def setup(self, cfg):
        super().setup(cfg)
        formatter = JsonFormatter() if os.environ.get("LOG_FORMAT") == "json" else TextFormatter()
        for log in (self.error_log, self.access_log):
            for handler in log.handlers:
                if getattr(handler, "_gunicorn", False):
                    handler.setFormatter(formatter)
                    handler.addFilter(RequestContextFilter())

    def access(self, resp, req, environ, request_time):
        if not self.access_log_enabled:
            return
        status = resp.status.split(None, 1)[0] if isinstance(resp.status, str) else resp.status
        request_id = _header(resp.headers, "x-request-id") or environ.get("HTTP_X_REQUEST_ID", "-")
        method, path = environ.get("REQUEST_METHOD", "-"), environ.get("PATH_INFO", "")
        http = {
            "method": method,
            "path": redact(path),
            "status": int(status),
            "bytes": getattr(resp, "sent", None),
            "duration_ms": round(request_time.total_seconds() * 1000, 1),
            "client": environ.get("REMOTE_ADDR", "-"),
            "worker": os.getpid(),
        }
        self.access_log.info(
            "%s %s %s", method, http["path"], status,
            extra={"http": http, "status_code": int(status), "request_id": request_id},
        )  # fmt: skip
