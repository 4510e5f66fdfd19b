"""The WSGI application that gunicorn serves (``hyoka serve``)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hyoka.web.settings")
application = get_wsgi_application()
