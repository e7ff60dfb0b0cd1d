"""Official documents as PDF: the minutes of a council session and the award decision.

    sources.py   what a document says, as plain data (and its fingerprint)
    vietnamese.py  the fixed forms of Vietnamese official writing (dates, places, titles)
    render.py    HTML template → PDF with WeasyPrint, fonts embedded from static/fonts
    fetcher.py   the only way WeasyPrint reads files: under static/, nothing else
    services.py  request a document, render it in the worker, the minutes' notes
    rules.py     who sees and writes them

The templates live in templates/awards/pdf/; the Celery task in awards/tasks.py.
"""
