import ArgumentParser

/// Runs the command and maps every outcome to partmap's exit codes:
/// 0 ok, 1 bad input, 2 bad usage, 3 store unavailable.
do {
    var command = try Partmap.parseAsRoot()
    if let asyncCommand = command as? AsyncParsableCommand {
        try await runAsync(asyncCommand)
    } else {
        try command.run()
    }
} catch let exitCode as ExitCode {
    Partmap.exit(withError: exitCode)
} catch {
    // Help and version requests also arrive here, with a success code.
    if let error = error as? ValidationError {
        // Thrown while running: the message names the flag and value; no usage to repeat.
        FileStandardError.write("Error: \(error.message)\n")
        Partmap.exit(withError: ExitCode(ExitStatus.badUsage))
    }
    if Partmap.exitCode(for: error) == .validationFailure {
        FileStandardError.write(Partmap.fullMessage(for: error) + "\n")
        Partmap.exit(withError: ExitCode(ExitStatus.badUsage))
    }
    Partmap.exit(withError: error)
}

/// In an async function the async `run()` is chosen; top-level code would pick the synchronous
/// one, which only prints help.
func runAsync(_ command: any AsyncParsableCommand) async throws {
    var command = command
    try await command.run()
}
