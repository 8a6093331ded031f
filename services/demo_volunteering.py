"""Kept only until `load_demo` names `services.volunteering.demo`: the loader moved there."""

from services.volunteering.demo import load

__all__ = ["load"]
