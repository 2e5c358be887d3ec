PipelineBench.main()
