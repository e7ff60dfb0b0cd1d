"""Demo data, out of the domain code: `manage.py load_demo` and one builder per app it fills.

The demo imports the apps it builds (through their services where the work is audited);
nothing in thiduakt, campaigns, awards or exemplars imports the demo.
"""
