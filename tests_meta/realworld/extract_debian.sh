#!/bin/sh
# Re-derive the Debian 12 part of the corpus from the packages themselves and check it against
# PROVENANCE.md: `apt-get download` each package, `dpkg-deb -x` it, copy the files this corpus
# uses, and compare sha256 sums. Run from anywhere on a Debian 12 host with network to the mirror:
#   sh tests_meta/realworld/extract_debian.sh /tmp/corpus-check
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work=${1:-$(mktemp -d)}
mkdir -p "$work/debs" "$work/x"
cd "$work/debs"
# package=version  path-in-package ...
while read -r pv paths; do
    pkg=${pv%%=*}
    [ -e "$work/x/$pv" ] || { apt-get download "$pv" >/dev/null; dpkg-deb -x "$pkg"_*.deb "$work/x/$pv"; }
    for p in $paths; do
        want="$here/debian12/$pkg/$p"
        got="$work/x/$pv/$p"
        if cmp -s "$want" "$got"; then echo "ok      $pkg $p"; else echo "DIFFERS $pkg $p"; fi
    done
done <<'LIST'
cron-daemon-common=3.0pl1-162 etc/crontab etc/cron.d/.placeholder etc/cron.hourly/.placeholder etc/cron.daily/.placeholder etc/cron.weekly/.placeholder etc/cron.monthly/.placeholder etc/cron.yearly/.placeholder
at=3.2.5-1+b1 etc/at.deny lib/systemd/system/atd.service
cron=3.0pl1-162 lib/systemd/system/cron.service
rsyslog=8.2302.0-1+deb12u2 etc/rsyslog.conf
sendmail-bin=8.17.1.9-2+deb12u2 etc/mail/helpfile etc/cron.daily/sendmail
postfix=3.7.11-0+deb12u1 lib/systemd/system/postfix.service usr/share/postfix/main.cf.debian usr/share/postfix/master.cf.dist etc/rsyslog.d/postfix.conf
snmpd=5.9.3+dfsg-2+deb12u1 lib/systemd/system/snmpd.service etc/snmp/snmpd.conf etc/default/snmpd
libsnmp-base=5.9.3+dfsg-2+deb12u1 etc/snmp/snmp.conf usr/share/snmp/mibs/NET-SNMP-MIB.txt usr/share/snmp/mibs/UCD-DEMO-MIB.txt
vsftpd=3.0.3-13+b2 usr/share/doc/vsftpd/examples/INTERNET_SITE/vsftpd.xinetd lib/systemd/system/vsftpd.service etc/vsftpd.conf etc/ftpusers etc/pam.d/vsftpd
proftpd-core=1.3.8+dfsg-4+deb12u5 lib/systemd/system/proftpd.service usr/share/proftpd/templates/proftpd.conf usr/share/proftpd/templates/modules.conf usr/share/proftpd/templates/tls.conf usr/share/proftpd/templates/virtuals.conf etc/ftpusers etc/pam.d/proftpd etc/default/proftpd
pure-ftpd-common=1.0.50-2.1 etc/pure-ftpd/pure-ftpd.conf etc/pure-ftpd/conf/AltLog etc/pure-ftpd/conf/FSCharset etc/pure-ftpd/conf/MinUID etc/pure-ftpd/conf/NoAnonymous etc/pure-ftpd/conf/PAMAuthentication etc/pure-ftpd/conf/PureDB etc/pure-ftpd/conf/TLSCipherSuite etc/pure-ftpd/conf/UnixAuthentication etc/pam.d/pure-ftpd
pure-ftpd=1.0.50-2.1+b2 etc/ftpusers
base-passwd=3.6.1 usr/share/base-passwd/passwd.master usr/share/base-passwd/group.master
base-files=12.4+deb12u15 etc/debian_version
LIST
