"""Requests released at the same instant, as a double click or two open tabs send them."""

import threading

from django.db import connections


def at_once(count, action, *, setup=lambda: None):
    """Run `action(setup())` in `count` threads, each on its own database connection; `setup`
    runs before the threads wait for each other, so only `action` races. Returns what each
    action returned, or the exception it raised, in the order they finished."""
    start, answers = threading.Barrier(count), []

    def run():
        prepared = setup()
        start.wait()
        try:
            answers.append(action(prepared))
        except Exception as error:  # a refusal is an answer the test reads
            answers.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


def logged_in(user):
    """A `setup` for at_once: a browser of its own, logged in as `user`."""
    from django.test import Client

    def client():
        browser = Client()
        browser.force_login(user)
        return browser

    return client
