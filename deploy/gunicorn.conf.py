"""gunicorn settings for the registration form behind nginx (deploy/nginx/katalog.conf).

Run from the project folder:  gunicorn -c deploy/gunicorn.conf.py 'form_service:create_app()'
(the systemd unit deploy/systemd/katalog-form.service does exactly that). Command-line options
given after ``-c`` win, which is how the tests bind a free port.
"""

import os

# Loopback only: nginx is the one client. Change the port here and in katalog.conf together.
bind = "127.0.0.1:8001"

# nginx buffers whole requests and responses, so a worker is only busy while the app works
# (rendering, one fsync'd append): plain sync workers, about one per core. Measured on 2 cores,
# 2 workers beat 4 when PostgreSQL shares the machine (shared/design.md); at least 2, so one
# slow disk write never stops the form.
worker_class = "sync"
workers = max(2, min(len(os.sched_getaffinity(0)), 8))

# No preload: the app (and any database pool) is created in each worker after the fork.
preload_app = False

timeout = 30  # a request that takes longer is stuck: the worker is replaced
graceful_timeout = 20
keepalive = 2

# Requests nginx has already checked; these are a second fence.
limit_request_line = 4094
limit_request_fields = 50
limit_request_field_size = 8190

# Trust is decided in one place, the app (KATALOG_PROXY_COUNT, KATALOG_PROXY_PROTO): gunicorn
# takes no scheme, SCRIPT_NAME or PATH_INFO from request headers, even from loopback.
forwarded_allow_ips = "127.0.0.1,::1"
secure_scheme_headers: dict[str, str] = {}
forwarder_headers = ""
header_map = "drop"

# No access log: nginx keeps one without personal data. Errors go to stderr (the journal).
accesslog = None
errorlog = "-"
loglevel = "info"

# No control socket: nothing to write under $HOME (ProtectSystem=strict) and nothing to reach.
control_socket_disable = True
proc_name = "katalog-form"
