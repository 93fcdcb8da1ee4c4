/// Why a document is not JSON: the byte offset where reading stopped, and what was expected there.
public struct JSONSyntaxError: Error, Sendable, Equatable {
    /// The byte offset from the start of the input where reading stopped.
    public var offset: Int
    /// What was expected there and what was found (`expected a value, found '}'`).
    public var message: String
}
