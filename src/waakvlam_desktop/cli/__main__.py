import sys

from waakvlam_desktop.cli.main import main

sys.exit(main())
