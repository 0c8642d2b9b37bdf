import sys

from .cli import main

# Guarded: a spawned worker process (Windows, macOS, the web server's pool) imports the main module
# again, and must not run the command a second time.
if __name__ == "__main__":
    sys.exit(main())
