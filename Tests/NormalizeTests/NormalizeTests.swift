import Testing
@testable import Normalize
