"""gunicorn's configuration for every app server; gunicorn reads it from the working directory
(the checkout), so `gunicorn clinicalcontext.wsgi` picks it up wherever it is started from
there: the service file, the multi-server check, `make bench`.

Logs: gunicorn's error and access lines in the app's format (JSON with `LOG_FORMAT=json`), with
the request id (clinicalcontext/gunicorn_log.py). The access log is off unless
`GUNICORN_ACCESS_LOG` names a file or `-` (stdout): nginx keeps one already.
"""

import os

logger_class = "clinicalcontext.gunicorn_log.GunicornLogger"
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
# The control socket (gunicorn 24+) is not used: systemd signals the master.
control_socket_disable = True
