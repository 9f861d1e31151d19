"""What a Python module run through the dbt standby sees (tests/test_dbt_standby.py): its
arguments, its parent, whether dbt was imported before it started; it ends with the status
given as its last argument, after spending $BURN seconds of CPU."""

import json
import os
import sys
import time

deadline = time.process_time() + float(os.environ.get("BURN", "0"))
while time.process_time() < deadline:
    pass

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
