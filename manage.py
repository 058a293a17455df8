#!/usr/bin/env python
from juntos.cli import main

if __name__ == "__main__":
    main()
