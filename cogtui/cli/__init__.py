"""The command line: a layer of its own, above every other package, imported only by ``cogtui.__main__``.

One module per command group: ``main`` (global options, the TUI, ``--version``), ``auth`` (with
``auth_signin``, ``auth_doctor``, ``auth_oauth``, ``auth_revoke``), ``token``, ``identity`` and
``sandbox``; shared helpers in ``options`` (argument types, global options, ``settings_from_args``),
``inputs`` (secrets from standard input or the environment), ``answers`` (challenge answers and
prompts) and ``runner`` (a command's runtime). Each command turns its arguments into a ``Settings`` and
plain values for the core; no ``argparse.Namespace`` goes below this package. Nothing is imported
here, so ``cogtui --version`` stays light.
"""
