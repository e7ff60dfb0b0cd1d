import os
import socket

from celery import shared_task


@shared_task(name="thiduakt.ping")
def ping(token):
    """Answer from the worker: proves the broker and a worker process are alive."""
    return {"token": token, "pid": os.getpid(), "host": socket.gethostname()}
