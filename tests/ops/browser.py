"""A minimal HTTP client for the live topology: cookies by hand (production cookies are
Secure, and the check runs over plain HTTP on loopback), CSRF token from the cookie."""

import http.client
import urllib.parse
from dataclasses import dataclass


@dataclass
class Response:
    status: int
    headers: dict
    text: str

    @property
    def location(self) -> str:
        return self.headers.get("location", "")


class Browser:
    def __init__(self, port: int, *, host: str = "127.0.0.1"):
        self.port, self.host = port, host
        self.cookies: dict[str, str] = {}

    def request(self, method, path, *, data=None, headers=None, port=None, timeout=10.0):
        connection = http.client.HTTPConnection("127.0.0.1", port or self.port, timeout=timeout)
        sent = {"Host": self.host, **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urllib.parse.urlencode(data)
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection.request(method, path, body=body, headers=sent)
            raw = connection.getresponse()
            text = raw.read().decode(errors="replace")
            for header, value in raw.getheaders():
                if header.lower() == "set-cookie":
                    name, _, rest = value.partition("=")
                    cookie_value = rest.split(";", 1)[0]
                    if cookie_value in ('""', "") or "Max-Age=0" in value:
                        self.cookies.pop(name, None)
                    else:
                        self.cookies[name] = cookie_value
            return Response(raw.status, {k.lower(): v for k, v in raw.getheaders()}, text)
        finally:
            connection.close()

    def get(self, path, **kwargs) -> Response:
        return self.request("GET", path, **kwargs)

    def post(self, path, data, **kwargs) -> Response:
        if "csrftoken" not in self.cookies:
            self.get("/accounts/login/", port=kwargs.get("port"))
        return self.request(
            "POST", path, data={**data, "csrfmiddlewaretoken": self.cookies["csrftoken"]}, **kwargs
        )

    def login(self, email: str, password: str, **kwargs) -> Response:
        return self.post("/accounts/login/", {"login": email, "password": password}, **kwargs)

    def is_logged_in(self, **kwargs) -> bool:
        """The settings page answers members and sends everyone else to log in."""
        return self.get("/accounts/settings/", **kwargs).status == 200
