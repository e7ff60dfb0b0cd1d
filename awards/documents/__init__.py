"""Official documents as PDF: the minutes of a council session and the award decision.

    models.py    the generated documents and the minutes' notes
    sources.py   what a document says, as plain data (and its fingerprint)
    services.py  request a document, render it in the worker, the minutes' notes
    tasks.py     the worker's task: render one document
    rules.py     who sees and writes them

The PDF engine and the fixed forms of official Vietnamese are below every feature, in
thiduakt/pdf/.
"""
