Pipeline.main()
