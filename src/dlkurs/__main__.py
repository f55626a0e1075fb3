from dlkurs.cli import main

main()
