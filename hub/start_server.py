"""A student's single-user server: ``jupyterhub-singleuser``, without its costliest import.

The hub's spawner runs this file (``python hub/start_server.py ARGS``) instead of the
``jupyterhub-singleuser`` script; it runs the same ``jupyterhub.singleuser.main`` with the
same arguments, in the same process.

Why: the server logs events through jupyter_events, which validates them with a
jsonschema format checker. Importing that checker imports ``rfc3987_syntax`` (the
checker's test for the "iri" and "iri-reference" formats), and importing
``rfc3987_syntax`` builds a lark parser for RFC 3987's grammar: about a second of CPU,
a third of the server's whole start, spent again by every student's server. No event
schema of JupyterLab, jupyter_server or nbgitpuller uses those two formats, so in a
lesson that parser is never used.

So before the server starts, this puts a stand-in for ``rfc3987_syntax`` into this
process's ``sys.modules``: jsonschema's ``from rfc3987_syntax import is_valid_syntax``
gets a function that imports the real module on its first call and hands on to it. The
check is unchanged; it only costs its second when it is first needed. Only the server's
own process sees the stand-in: it is not on any path, so the students' kernels (separate
processes) and `make lab` import the real module as before.
"""

import importlib
import sys
import types

LAZY_MODULE = "rfc3987_syntax"
#: What jsonschema imports from it (``from rfc3987_syntax import is_valid_syntax``).
LAZY_FUNCTIONS = ("is_valid_syntax",)


def install_lazy_module(name=LAZY_MODULE, functions=LAZY_FUNCTIONS):
    """Put a stand-in for module ``name`` into ``sys.modules``.

    Each of ``functions`` taken from it imports the real module on its first call and
    calls the real function; any other attribute asked of it imports the real module
    there and then. Once imported, the real module replaces the stand-in.
    """
    if name in sys.modules:  # already imported for real: nothing left to save
        return sys.modules[name]
    stand_in = types.ModuleType(name, f"Stands in for {name} until it is first used.")

    def real_module():
        if sys.modules.get(name) is stand_in:
            del sys.modules[name]
        return importlib.import_module(name)

    def lazily(function_name):
        def call(*arguments, **keywords):
            return getattr(real_module(), function_name)(*arguments, **keywords)

        call.__name__ = call.__qualname__ = function_name
        return call

    for function_name in functions:
        setattr(stand_in, function_name, lazily(function_name))

    def other_attribute(attribute_name):
        if attribute_name.startswith("__"):  # the import machinery's probes (__path__, ...)
            raise AttributeError(attribute_name)
        return getattr(real_module(), attribute_name)

    stand_in.__getattr__ = other_attribute  # a module's __getattr__ (PEP 562)
    sys.modules[name] = stand_in
    return stand_in


def main():
    install_lazy_module()
    from jupyterhub.singleuser import main as start_single_user_server

    sys.argv[0] = "jupyterhub-singleuser"  # its own name in its messages and --help
    return start_single_user_server()


if __name__ == "__main__":
    sys.exit(main())
