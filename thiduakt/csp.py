"""The Content-Security-Policy of every page: our own scripts, styles and images only.

No inline script, no inline style, no eval (htmx is configured for it in base.html): an
injected <script> or on*= attribute does not run. Bootstrap draws its form controls with
data: SVG images, hence img-src data:. A response that needs another policy (the
certificate preview's frame) sets its own header, which is kept."""

POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "frame-ancestors 'none'",
        "form-action 'self'",
    )
)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", POLICY)
        return response
