"""A process that cannot open a network socket: the second layer under the query guard.

The worker processes that evaluate public queries call :func:`deny_network` before they open
the store. It installs a seccomp filter (Linux, x86-64 and arm64) that answers ``EACCES`` to
every ``socket()`` call for a family other than ``AF_UNIX`` (the pipe to the server is a Unix
socket pair, made before) and to ``io_uring_setup`` (io_uring can open sockets on its own). The
filter holds for the thread that installs it and every thread that thread starts afterwards (a
worker installs it first thing: the whole process), and cannot be lifted: should
a query ever get past :mod:`helixgraph.guard`, Oxigraph's HTTP client still reaches nothing,
not even a DNS server.

The filter is a classic BPF program handed to ``prctl(PR_SET_SECCOMP)`` through ctypes: six
instructions do not justify a dependency on libseccomp.
"""

from __future__ import annotations

import ctypes
import errno
import platform
import struct
import sys

# prctl options and seccomp constants (linux/prctl.h, linux/seccomp.h, linux/audit.h)
_PR_SET_NO_NEW_PRIVS = 38
_PR_SET_SECCOMP = 22
_SECCOMP_MODE_FILTER = 2
_SECCOMP_RET_ALLOW = 0x7FFF0000
_SECCOMP_RET_ERRNO = 0x00050000
_AF_UNIX = 1
_X32_SYSCALL_BIT = 0x40000000

#: machine -> (AUDIT_ARCH_*, socket syscall number, io_uring_setup syscall number)
_ARCHES = {
    "x86_64": (0xC000003E, 41, 425),
    "aarch64": (0xC00000B7, 198, 425),
}

# BPF opcodes
_LD_W_ABS = 0x20  # BPF_LD | BPF_W | BPF_ABS
_JEQ_K = 0x15  # BPF_JMP | BPF_JEQ | BPF_K
_JGE_K = 0x35  # BPF_JMP | BPF_JGE | BPF_K
_RET_K = 0x06  # BPF_RET | BPF_K
# offsets in struct seccomp_data: int nr; u32 arch; u64 ip; u64 args[6] (little-endian)
_NR, _ARCH, _ARG0 = 0, 4, 16


class SandboxUnavailable(OSError):
    """This platform cannot deny the network to a process (not Linux, or another CPU)."""


def _program(arch: int, socket_nr: int, io_uring_nr: int) -> bytes:
    deny = _SECCOMP_RET_ERRNO | errno.EACCES
    instructions = [
        (_LD_W_ABS, 0, 0, _ARCH),
        (_JEQ_K, 1, 0, arch),  # another ABI (32-bit calls on a 64-bit kernel): deny all
        (_RET_K, 0, 0, deny),
        (_LD_W_ABS, 0, 0, _NR),
        (_JGE_K, 5, 0, _X32_SYSCALL_BIT),  # the x32 ABI: deny
        (_JEQ_K, 4, 0, io_uring_nr),  # deny
        (_JEQ_K, 0, 2, socket_nr),  # anything else: allow
        (_LD_W_ABS, 0, 0, _ARG0),  # the address family
        (_JEQ_K, 0, 1, _AF_UNIX),
        (_RET_K, 0, 0, _SECCOMP_RET_ALLOW),
        (_RET_K, 0, 0, deny),
    ]
    return b"".join(struct.pack("=HBBI", *instruction) for instruction in instructions)


def deny_network() -> None:
    """From now on the calling thread, and every thread it starts afterwards, cannot open a
    network socket. Called first thing in a worker, that is the whole process; called on one
    thread (``helixgraph query``), the others keep theirs.

    Raises :class:`SandboxUnavailable` where the platform offers no way to do so.
    """
    arches = _ARCHES.get(platform.machine())
    if not sys.platform.startswith("linux") or arches is None:
        raise SandboxUnavailable(
            f"no network sandbox on {sys.platform}/{platform.machine()}: "
            "run helixgraph serve on Linux (x86-64 or arm64)"
        )
    code = _program(*arches)
    filters = ctypes.create_string_buffer(code, len(code))

    class SockFprog(ctypes.Structure):
        _fields_ = (("len", ctypes.c_ushort), ("filter", ctypes.c_void_p))

    program = SockFprog(len(code) // 8, ctypes.addressof(filters))
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        raise SandboxUnavailable(f"prctl(NO_NEW_PRIVS): {errno.errorcode[ctypes.get_errno()]}")
    if libc.prctl(_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER, ctypes.byref(program), 0, 0) != 0:
        raise SandboxUnavailable(f"prctl(SECCOMP): {errno.errorcode[ctypes.get_errno()]}")
