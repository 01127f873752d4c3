from storyline.cli.main import main

raise SystemExit(main())
