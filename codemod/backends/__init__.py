"""Backends that verify WorkOS AuthKit tokens themselves: Python (PyJWT, python-jose, authlib)
and JS/TS (jose, jsonwebtoken) code outside Convex.

discover (which files) → python / js (what each verify call checks, with byte spans) → model
(the libraries' claim checks, simulated) → engine (rules, fixes, verification) → run.py reports.
Nothing here is imported until a PATH is searched; libcst only when a Python verifier is found.
"""
