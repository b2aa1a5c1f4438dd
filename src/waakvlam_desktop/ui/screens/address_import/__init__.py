"""address import (Qt)."""
