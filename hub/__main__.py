"""`python -m hub`: start a local JupyterHub and print its address, a login and the class link."""

from .launch import main

main()
