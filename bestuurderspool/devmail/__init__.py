"""Mail sent while developing (`make run`), kept as files and shown in the browser at /dev/mail/.

Only in DEBUG: the backend is configured in settings when DEBUG is on and no SMTP server is
given, and the pages answer 404 unless DEBUG is on and the request comes from this machine.
"""
