import Testing
@testable import PipelineRunner
