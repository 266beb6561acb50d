"""AIX's /etc/inittab as a base install leaves it, for the AIX scenario hosts (issue 12, class 1).

Reconstructed, not copied from a host: the entries are the ones IBM documents for a base AIX 7 install
(inittab(4) and the lsitab/mkitab pages of the AIX 7.2/7.3 documentation: initdefault 2, rc.boot, srcmstr,
rc.tcpip, rc.nfs, cron, the l2..l9 entries that run /etc/rc.d/rc) with the comment lines shortened. It starts
none of the daemons the controls ask about; scenarios add the line that does.
"""

from tests_meta.support.scenario import File

AIX_INITTAB = """\
: @(#)49 1.28.2.7 src/bos/etc/inittab/inittab, cmdoper
:
: Note - initdefault and sysinit should be the first and second entry.
:
init:2:initdefault:
brc::sysinit:/sbin/rc.boot 3 >/dev/console 2>&1 # Phase 3 of system boot
powerfail::powerfail:/etc/rc.powerfail 2>&1 | alog -tboot > /dev/console # Power Failure Detection
load64bit:2:wait:/etc/methods/cfg64 >/dev/console 2>&1 # Enable 64-bit execs
tunables:23456789:wait:/usr/sbin/tunrestore -R > /dev/console 2>&1 # Set tunables
securityboot:2:bootwait:/etc/rc.security.boot > /dev/console 2>&1
rc:23456789:wait:/etc/rc 2>&1 | alog -tboot > /dev/console # Multi-User checks
fbcheck:23456789:wait:/usr/sbin/fbcheck 2>&1 | alog -tboot > /dev/console # run /etc/firstboot
srcmstr:23456789:respawn:/usr/sbin/srcmstr # System Resource Controller
platform_agent:2:once:/usr/bin/startsrc -s platform_agent >/dev/null 2>&1
rctcpip:23456789:wait:/etc/rc.tcpip > /dev/console 2>&1 # Start TCP/IP daemons
rcnfs:23456789:wait:/etc/rc.nfs > /dev/console 2>&1 # Start NFS Daemons
cron:23456789:respawn:/usr/sbin/cron
cons:0123456789:respawn:/usr/sbin/getty /dev/console
qdaemon:23456789:wait:/usr/bin/startsrc -sqdaemon
writesrv:23456789:wait:/usr/bin/startsrc -swritesrv
uprintfd:23456789:respawn:/usr/sbin/uprintfd
shdaemon:2:off:/usr/sbin/shdaemon >/dev/console 2>&1 # High availability daemon
l2:2:wait:/etc/rc.d/rc 2
l3:3:wait:/etc/rc.d/rc 3
l4:4:wait:/etc/rc.d/rc 4
l5:5:wait:/etc/rc.d/rc 5
l6:6:wait:/etc/rc.d/rc 6
l7:7:wait:/etc/rc.d/rc 7
l8:8:wait:/etc/rc.d/rc 8
l9:9:wait:/etc/rc.d/rc 9
"""


def inittab(extra: str = "") -> File:
    """/etc/inittab as AIX installs it (root:system 0664), with ``extra`` lines appended."""
    return File("/etc/inittab", AIX_INITTAB + extra, 0o664, "root", "system")
