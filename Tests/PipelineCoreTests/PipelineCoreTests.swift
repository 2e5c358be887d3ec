import Testing
@testable import PipelineCore
