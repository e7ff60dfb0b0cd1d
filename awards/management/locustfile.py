"""The mix `bench_load` puts on the pages: the secretariat's inbox (filters, search), dashboard
and session being prepared; unit staff opening their lists and the nomination form; a council
member's ballot; anonymous certificate checks. Every signed-in user logs in once and keeps the
session (as people do, and as the login throttle expects).

The addresses come from the JSON file `BENCH_LOAD_TARGETS` names, written by `bench_load`.
"""

import json
import os
import random

from locust import HttpUser, between, task

TARGETS = json.loads(open(os.environ["BENCH_LOAD_TARGETS"], encoding="utf-8").read())


class SignedIn(HttpUser):
    abstract = True
    wait_time = between(1, 3)
    account = ""

    def on_start(self):
        login = TARGETS["login"]
        self.client.get(login, name="login (form)")
        token = self.client.cookies.get("csrftoken", "")
        username = TARGETS["accounts"][self.account]
        with self.client.post(
            login, {"username": username, "password": TARGETS["password"], "csrfmiddlewaretoken": token},
            headers={"Referer": self.host + login}, name="login", allow_redirects=False, catch_response=True,
        ) as response:  # fmt: skip
            if response.status_code != 302:
                response.failure(f"{username} could not log in ({response.status_code})")

    def page(self, url, name, **params):
        self.client.get(url, params=params or None, name=name)


class Secretariat(SignedIn):
    weight = 4
    account = "secretariat"

    @task(4)
    def inbox(self):
        self.page(TARGETS["inbox"], "inbox")

    @task(3)
    def inbox_filtered(self):
        self.page(TARGETS["inbox"], "inbox (filter, search)", **random.choice(TARGETS["inbox_filters"]))

    @task(2)
    def dashboard(self):
        self.page(TARGETS["dashboard"], "dashboard (secretariat)")

    @task(1)
    def session_being_prepared(self):
        self.page(TARGETS["draft_session"], "session being prepared")

    @task(1)
    def sessions(self):
        self.page(TARGETS["session_list"], "session list")


class UnitStaff(SignedIn):
    weight = 3
    account = "unit_staff"

    @task(3)
    def submission(self):
        self.page(random.choice(TARGETS["submissions"]), "submission")

    @task(2)
    def submissions(self):
        self.page(TARGETS["submission_list"], "submission list")

    @task(1)
    def nomination_form(self):
        self.page(random.choice(TARGETS["nomination_forms"]), "nomination form")

    @task(2)
    def person_search(self):
        self.page(random.choice(TARGETS["person_searches"]), "person search", q=random.choice(["ngu", "van an", "thi"]))

    @task(1)
    def dashboard(self):
        self.page(TARGETS["dashboard"], "dashboard (unit)")


class CouncilMember(SignedIn):
    weight = 1
    account = "member"

    @task
    def ballot(self):
        self.page(TARGETS["ballot"], "ballot")


class Public(HttpUser):
    weight = 2
    wait_time = between(1, 3)

    @task
    def certificate_check(self):
        self.client.get(random.choice(TARGETS["certificates"]), name="certificate check")
