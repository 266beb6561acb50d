# svcaudit collector: runs on the target under perl 5.8+ with core modules only.
# It reads a request (base64, first argument), never writes anything, and prints
# one record per line. Every string that came from the target or the request is
# base64-encoded in the output, so no byte of it can break the framing.
#
# Request lines (tab-separated, paths base64-encoded):
#   root <b64>   limit <bytes>   budget <seconds>   maxentries <n>
#   stat <b64>   read <b64>   script <b64>   list <b64>   liststat <b64>   listread <b64>   tree <b64>   find <b64>   cmd <name>
#   acl <b64>   walkseconds <n>   maxwalk <n>   aclseconds <n>
#   findnames <b64: names joined by NUL; NAME* matches a prefix>
# Output records:
#   F path kind mode uid gid size mtime link real err   (stat, following links inside root)
#   C path truncated content                            (file content, capped; `script` stops at a NUL in the
#                                                        first block: a binary is sent as that block only, truncated)
#   L path truncated names                              (directory listing; names joined by NUL)
#   W root truncated why found unreadable               (find: names searched for; lists joined by NUL)
#   X name rc output                                    (fixed commands; never built from input)
#   A path tool rc truncated output err                 (ACL tool's output, capped; err when it did not run)
#   U uid name | G gid name                             (names the target resolves, when no root)
#   M key value                                         (meta: perl version, os)
#   END records   |   TIMEOUT
use strict;
use warnings;
use Fcntl qw(:mode O_RDONLY O_NONBLOCK);
use MIME::Base64 qw(encode_base64 decode_base64);
use POSIX ();

my ($ROOT, $LIMIT, $BUDGET, $MAXENTRIES, $WALKSECS, $MAXWALK, $ACLSECS) = ('', 1048576, 60, 20000, 60, 500000, 10);
my (%seen_uid, %seen_gid, %done, $WALK_DEADLINE, $ACL_TOOL, %FIND_EXACT, @FIND_PREFIX);
my $STARTED = time;
my $ACL_MAX_OUTPUT = 65536;
my $records = 0;
$| = 0;

sub b64 { my $s = shift; return '' unless defined $s; return encode_base64($s, '') }
sub rec { print join("\t", @_), "\n"; $records++ }

# Resolve PATH against ROOT the way the kernel would if ROOT were "/": a symlink
# that points to "/x" means ROOT/x, and ".." never climbs above ROOT.
sub resolve {
    my ($path, $follow_last) = @_;
    my @todo = grep { length($_) && $_ ne '.' } split m{/}, $path;
    my @done;
    my $hops = 0;
    while (@todo) {
        my $c = shift @todo;
        if ($c eq '..') { pop @done; next }
        my $full = $ROOT . '/' . join('/', @done, $c);
        if ((@todo || $follow_last) && -l $full) {
            return (undef, 'too many levels of symbolic links') if ++$hops > 40;
            my $t = readlink $full;
            return (undef, "readlink: $!") unless defined $t;
            @done = () if $t =~ m{^/};
            unshift @todo, grep { length($_) && $_ ne '.' } split m{/}, $t;
            next;
        }
        push @done, $c;
    }
    return ('/' . join('/', @done), '');
}

sub kind_of {
    my $m = shift;
    return 'file' if S_ISREG($m);
    return 'dir' if S_ISDIR($m);
    return 'link' if S_ISLNK($m);
    return 'fifo' if S_ISFIFO($m);
    return 'char' if S_ISCHR($m);
    return 'block' if S_ISBLK($m);
    return 'socket' if S_ISSOCK($m);
    return 'other';
}

# stat PATH: one F record. Returns (kind, real path) for callers that go on.
sub do_stat {
    my $path = shift;
    return @{ $done{$path} } if $done{$path};
    my ($lreal, $err) = resolve($path, 0);
    my ($link, $real, @s) = ('', '');
    if (defined $lreal) {
        if (-l $ROOT . $lreal) {
            $link = readlink($ROOT . $lreal);
            $link = '' unless defined $link;
            ($real, $err) = resolve($path, 1);
        } else {
            $real = $lreal;
        }
    }
    if (defined $real && $err eq '') {
        @s = lstat($ROOT . $real);
        if (!@s) {
            my $e = $! + 0;
            $err = ($e == POSIX::ENOENT() || $e == POSIX::ENOTDIR()) ? '' : "$!";
        }
    }
    $real = '' unless defined $real;
    my $kind = @s ? kind_of($s[2]) : ($err eq '' ? 'absent' : 'unknown');
    if (@s) { $seen_uid{$s[4]} = 1; $seen_gid{$s[5]} = 1 }
    rec('F', b64($path), $kind, @s ? sprintf('%o', $s[2] & 07777) : '', @s ? ($s[4], $s[5], $s[7], $s[9]) : ('', '', '', ''),
        b64($link), b64($real), b64($err));
    $done{$path} = [$kind, $real];
    return ($kind, $real);
}

# read PATH: stat, then the content of a regular file (never a FIFO or device).
# script PATH: the same for a file that may be a script; a NUL in the first block makes it a
# binary, and only that block up to the NUL is sent (marked truncated), not megabytes of program.
sub do_read {
    my ($path, $text_only) = @_;
    my ($kind, $real) = do_stat($path);
    return unless $kind eq 'file';
    my $fh;
    if (!sysopen($fh, $ROOT . $real, O_RDONLY | O_NONBLOCK)) {
        rec('C', b64($path), 'E', b64("open: $!"));
        return;
    }
    unless (-f $fh) { close $fh; rec('C', b64($path), 'E', b64('not a regular file when opened')); return }
    my ($buf, $got) = ('', 0);
    while ($got <= $LIMIT) {
        my $n = sysread($fh, $buf, 65536, length $buf);
        if (!defined $n) { close $fh; rec('C', b64($path), 'E', b64("read: $!")); return }
        last if $n == 0;
        $got += $n;
        if ($text_only && (my $nul = index($buf, "\0")) >= 0) {
            close $fh;
            rec('C', b64($path), 1, b64(substr($buf, 0, $nul + 1)));
            return;
        }
    }
    close $fh;
    my $trunc = length($buf) > $LIMIT ? 1 : 0;
    $buf = substr($buf, 0, $LIMIT) if $trunc;
    rec('C', b64($path), $trunc, b64($buf));
}

# list DIR: names of its entries; liststat also stats each, listread also reads each.
sub do_list {
    my ($path, $then) = @_;
    my ($kind, $real) = do_stat($path);
    return unless $kind eq 'dir';
    my $dh;
    if (!opendir($dh, $ROOT . $real)) { rec('L', b64($path), 'E', b64("opendir: $!")); return }
    my @names;
    my $trunc = 0;
    while (defined(my $n = readdir $dh)) {
        next if $n eq '.' || $n eq '..';
        if (@names >= $MAXENTRIES) { $trunc = 1; last }
        push @names, $n;
    }
    closedir $dh;
    @names = sort @names;
    rec('L', b64($path), $trunc, b64(join("\0", @names)));
    return unless $then;
    my $base = $path eq '/' ? '' : $path;
    $then->("$base/$_") for @names;
}

# tree PATH: the path, its ancestors, and the ancestors of where it really is.
sub do_tree {
    my $path = shift;
    my ($kind, $real) = do_stat($path);
    for my $p ($path, $real) {
        next unless length $p;
        my @parts = grep { length } split m{/}, $p;
        pop @parts;
        my $acc = '';
        do_stat('/');
        for my $c (@parts) { $acc .= "/$c"; do_stat($acc) }
    }
}

sub find_name {
    my $n = shift;
    return 1 if $FIND_EXACT{$n};
    for my $p (@FIND_PREFIX) { return 1 if index($n, $p) == 0 }
    return 0;
}

# find ROOT: every entry below ROOT whose name is one of findnames (.forward, .forward.*,
# .netrc ...), on ROOT's filesystem only (no NFS, no other mounts), never following
# symlinks, bounded in entries and time.
sub do_find {
    my $start = shift;
    my ($kind, $real) = do_stat($start);
    if ($kind ne 'dir') { rec('W', b64($start), 0, '', '', ''); return }
    my @top = lstat($ROOT . $real);
    my $dev = $top[0];
    my (@stack, @found, @unreadable) = ($real);
    # One time budget for all searches of this run, so several roots cannot add up past it.
    $WALK_DEADLINE = time + $WALKSECS unless defined $WALK_DEADLINE;
    my ($entries, $why, $deadline) = (0, '', $WALK_DEADLINE);
    WALK: while (@stack) {
        my $dir = pop @stack;
        my $dh;
        if (!opendir($dh, $ROOT . $dir)) { push @unreadable, "$dir: $!" if @unreadable < 20; next }
        while (defined(my $n = readdir $dh)) {
            next if $n eq '.' || $n eq '..';
            if (++$entries > $MAXWALK) { $why = "more than $MAXWALK entries"; last WALK }
            if (($entries & 1023) == 0 && time > $deadline) { $why = "took longer than ${WALKSECS}s"; last WALK }
            my $p = ($dir eq '/' ? '' : $dir) . "/$n";
            push @found, $p if find_name($n);
            my @l = lstat($ROOT . $p);
            push @stack, $p if @l && S_ISDIR($l[2]) && $l[0] == $dev;
        }
        closedir $dh;
    }
    rec('W', b64($start), $why eq '' ? 0 : 1, b64($why), b64(join("\0", @found)), b64(join("\0", @unreadable)));
}

# The scanning host's ACL tool: AIX's aclget first, else getfacl, from PATH (never a shell).
sub acl_tool {
    return @$ACL_TOOL if $ACL_TOOL;
    for my $name ('aclget', 'getfacl') {
        for my $dir (split /:/, defined $ENV{PATH} ? $ENV{PATH} : '') {
            next unless length $dir;
            my $p = "$dir/$name";
            if (-f $p && -x _) { $ACL_TOOL = [$name, $p]; return @$ACL_TOOL }
        }
    }
    $ACL_TOOL = ['', ''];
    return @$ACL_TOOL;
}

# Run a program (list form, no shell) with stdin from /dev/null and stderr joined to stdout;
# at most $ACL_MAX_OUTPUT bytes and $secs seconds. Returns (rc, truncated, output, error).
sub run_bounded {
    my ($secs, @argv) = @_;
    my ($rd, $wr);
    pipe($rd, $wr) or return (0, 0, '', "pipe: $!");
    my $pid = fork;
    return (0, 0, '', "fork: $!") unless defined $pid;
    if ($pid == 0) {
        close $rd;
        open(STDIN, '<', '/dev/null');
        open(STDOUT, '>&', $wr);
        open(STDERR, '>&', $wr);
        { exec { $argv[0] } @argv }
        print STDERR "exec $argv[0]: $!\n";
        POSIX::_exit(127);
    }
    close $wr;
    my ($buf, $trunc, $err) = ('', 0, '');
    my $deadline = time + $secs;
    while (1) {
        my $left = $deadline - time;
        if ($left <= 0) { $err = "timed out after ${secs}s"; last }
        my $rin = '';
        vec($rin, fileno($rd), 1) = 1;
        my $ready = select(my $rout = $rin, undef, undef, $left);
        next if $ready < 0 && $!{EINTR};
        if ($ready <= 0) { $err = "timed out after ${secs}s"; last }
        my $n = sysread($rd, $buf, 8192, length $buf);
        last if !defined $n || $n == 0;
        if (length($buf) > $ACL_MAX_OUTPUT) { $trunc = 1; $buf = substr($buf, 0, $ACL_MAX_OUTPUT); last }
    }
    close $rd;
    if ($err ne '' || $trunc) { kill 'KILL', $pid }
    waitpid($pid, 0);
    my $rc = $? == -1 ? 127 : ($? & 127) ? 128 + ($? & 127) : $? >> 8;
    return ($rc, $trunc, $buf, $err);
}

# acl PATH: stat, then the ACL tool's output on the path's real location (inside ROOT).
sub do_acl {
    my $path = shift;
    my ($kind, $real) = do_stat($path);
    my ($name, $prog) = acl_tool();
    if ($kind eq 'absent' || $kind eq 'unknown') {
        rec('A', b64($path), $name, '', 0, '', b64($kind eq 'absent' ? 'does not exist' : 'cannot stat'));
        return;
    }
    if ($name eq '') { rec('A', b64($path), '', '', 0, '', b64('no ACL tool (aclget, getfacl) on the scanning host')); return }
    my $secs = $ACLSECS;
    my $left = $BUDGET - (time - $STARTED) - 5;
    $secs = $left if $BUDGET > 0 && $left < $secs;
    if ($secs < 1) { rec('A', b64($path), $name, '', 0, '', b64("no time left in the collector's budget")); return }
    # Under a sysroot the scanning host's names mean nothing for the tree: getfacl shows numbers.
    my @argv = $name eq 'aclget' ? ($prog) : ($prog, '--absolute-names', '--omit-header', length $ROOT ? '--numeric' : ());
    push @argv, $ROOT . $real;
    my ($rc, $trunc, $out, $err) = run_bounded($secs, @argv);
    rec('A', b64($path), $name, $rc, $trunc, b64($out), b64($err));
}

my %COMMANDS = (
    uname   => 'uname -s',
    oslevel => 'oslevel -s',
    lssrc   => 'lssrc -a',
    ps      => 'ps -e -o comm=',
    mount   => 'mount',
    # FTP-12 (CIS 4.6.2.2): AIX ftpd's greeting, message 9 of set 1 of its en_US catalog
    ftpdcat => 'dspcat /usr/lib/nls/msg/en_US/ftpd.cat 1 9',
);

# SMTP-07: sendmail's own version, as `sendmail -d0.1 -bt < /dev/null` prints it first. Fixed argv, no
# shell; the first binary of the list that exists runs. Address-test mode with empty input changes
# nothing, and sendmail may then wait for DNS to qualify the host name: reading stops at the
# "Version" line, or after $VERSION_SECS seconds, and the child is killed either way.
my @SENDMAIL_BINARIES = ('/usr/sbin/sendmail-mta', '/usr/sbin/sendmail.sendmail', '/usr/lib/sendmail', '/usr/sbin/sendmail');
my $VERSION_SECS = 10;

sub do_sendmail_version {
    my ($bin) = grep { -f $_ && -x _ } @SENDMAIL_BINARIES;
    if (!defined $bin) { rec('X', 'sendmail_version', 127, b64('no sendmail binary: ' . join(' ', @SENDMAIL_BINARIES))); return }
    my $pid = open(my $fh, '-|');
    if (!defined $pid) { rec('X', 'sendmail_version', 126, b64("cannot fork: $!")); return }
    if ($pid == 0) {
        open(STDIN, '<', '/dev/null');
        open(STDERR, '>&', \*STDOUT);
        exec { $bin } $bin, '-d0.1', '-bt';
        exit 127;
    }
    my ($out, $timed_out) = ("$bin\n", 0);
    eval {
        local $SIG{ALRM} = sub { die "timeout\n" };
        alarm $VERSION_SECS;
        while (defined(my $line = <$fh>)) {
            $out .= $line;
            last if $line =~ /^Version / || length($out) > 4096;
        }
        alarm 0;
    };
    $timed_out = 1 if $@;
    kill 'KILL', $pid;
    close $fh;
    rec('X', 'sendmail_version', $timed_out ? 124 : 0, b64($out));
}

sub do_cmd {
    my $name = shift;
    if ($name eq 'sendmail_version') { do_sendmail_version(); return }
    my $cmd = $COMMANDS{$name};
    if (!defined $cmd) { rec('X', $name, 127, b64('unknown command')); return }
    my $out = `$cmd 2>&1`;
    my $rc = $? == -1 ? 127 : $? >> 8;
    rec('X', $name, $rc, b64(defined $out ? $out : ''));
}

my @req = split /\n/, decode_base64(defined $ARGV[0] ? $ARGV[0] : '');
for my $line (@req) {
    my ($op, $arg) = split /\t/, $line, 2;
    next unless defined $arg;
    if    ($op eq 'root')       { $ROOT = decode_base64($arg); $ROOT =~ s{/+$}{} }
    elsif ($op eq 'limit')      { $LIMIT = $arg + 0 }
    elsif ($op eq 'budget')     { $BUDGET = $arg + 0 }
    elsif ($op eq 'maxentries') { $MAXENTRIES = $arg + 0 }
    elsif ($op eq 'walkseconds') { $WALKSECS = $arg + 0 }
    elsif ($op eq 'maxwalk')    { $MAXWALK = $arg + 0 }
    elsif ($op eq 'aclseconds') { $ACLSECS = $arg + 0 }
    elsif ($op eq 'findnames') {
        for my $n (split /\0/, decode_base64($arg)) {
            if ($n =~ /^(.+)\*$/) { push @FIND_PREFIX, $1 } else { $FIND_EXACT{$n} = 1 }
        }
    }
}
if (length $ROOT && !-d $ROOT) {
    print STDERR "svcaudit: the sysroot $ROOT is not a directory on this host\n";
    exit 4;
}
$SIG{ALRM} = sub { print "TIMEOUT\n"; exit 3 };
alarm($BUDGET) if $BUDGET > 0;
rec('M', 'perl', b64(sprintf('%vd', $^V)));
rec('M', 'os', b64($^O));
for my $line (@req) {
    my ($op, $arg) = split /\t/, $line, 2;
    next unless defined $arg;
    if    ($op eq 'stat')     { do_stat(decode_base64($arg)) }
    elsif ($op eq 'read')     { do_read(decode_base64($arg)) }
    elsif ($op eq 'script')   { do_read(decode_base64($arg), 1) }
    elsif ($op eq 'list')     { do_list(decode_base64($arg), undef) }
    elsif ($op eq 'liststat') { do_list(decode_base64($arg), \&do_stat) }
    elsif ($op eq 'listread') { do_list(decode_base64($arg), \&do_read) }
    elsif ($op eq 'tree')     { do_tree(decode_base64($arg)) }
    elsif ($op eq 'find')     { do_find(decode_base64($arg)) }
    elsif ($op eq 'acl')      { do_acl(decode_base64($arg)) }
    elsif ($op eq 'cmd')      { do_cmd($arg) unless length $ROOT }
}
if ($ROOT eq '') {
    for my $u (sort { $a <=> $b } keys %seen_uid) { my $n = getpwuid($u); rec('U', $u, b64($n)) if defined $n }
    for my $g (sort { $a <=> $b } keys %seen_gid) { my $n = getgrgid($g); rec('G', $g, b64($n)) if defined $n }
}
alarm(0);
print "END\t$records\n";
exit 0;
