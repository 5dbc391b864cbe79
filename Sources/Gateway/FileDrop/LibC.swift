#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// C library functions that Swift's `Glibc` module does not import (they are declared only
/// under `_GNU_SOURCE`), looked up at run time so that their absence degrades to a fallback
/// instead of a link failure.
enum LibC {
    typealias SyncFSFunction = @convention(c) (Int32) -> Int32
    typealias RenameAt2Function = @convention(c) (
        Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32
    ) -> Int32

    typealias MalloptFunction = @convention(c) (Int32, Int32) -> Int32

    /// `RENAME_NOREPLACE` from `<linux/fs.h>`: fail with `EEXIST` rather than replace.
    static let renameNoReplaceFlag: UInt32 = 1

    /// `syncfs(2)`: flush everything dirty on the file system holding a descriptor.
    static let syncfs: SyncFSFunction? = symbol("syncfs", as: SyncFSFunction.self)

    /// `renameat2(2)`, for `RENAME_NOREPLACE`.
    static let renameat2: RenameAt2Function? = symbol("renameat2", as: RenameAt2Function.self)

    /// `mallopt(3)` (glibc; declared in `<malloc.h>`, which Swift does not import).
    static let mallopt: MalloptFunction? = symbol("mallopt", as: MalloptFunction.self)

    private static func symbol<Function>(_ name: String, as type: Function.Type) -> Function? {
        #if os(Linux)
        // dlopen(nil) is the running program, whose global scope includes the C library;
        // the handle is never closed, as the functions stay in use for the process's life.
        guard let program = dlopen(nil, RTLD_NOW), let address = dlsym(program, name) else {
            return nil
        }
        return unsafeBitCast(address, to: type)
        #else
        return nil
        #endif
    }
}
