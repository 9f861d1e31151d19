"""What a Python module run through the dbt standby sees (tests/test_dbt_standby.py): its
arguments, its parent, whether dbt was imported before it started; it ends with the status
given as its last argument."""

import json
import os
import sys

print(
    json.dumps(
        {
            "argv": sys.argv[1:],
            "parent": os.getppid(),
            "dbt_imported": "dbt.cli.main" in sys.modules,
            "probe": os.environ.get("PROBE"),
        }
    )
)
print("to stderr", file=sys.stderr)
sys.exit(int(sys.argv[-1]))
