// kpicluster: the small dqlite client that forms a kpi cluster and that
// tests/cluster/run.sh drives. Built offline from Debian's go-dqlite sources
// (golang-github-canonical-go-dqlite-dev under /usr/share/gocode) with
// GO111MODULE=off: see `make cluster`.
//
//	kpicluster -s ADDR[,ADDR...] [-timeout D] COMMAND [ARGS]
//
// Every command gives up after -timeout (default 30s) and exits 1 with a
// message "kpicluster: COMMAND: reason" on standard error; 2 is a usage
// error. The addresses are seeds: the leader is found among them.
//
//	leader                  prints the leader as "ID ADDRESS" once one is
//	                        known (polls until then)
//	wait-voters N           polls until the cluster has N voters and a
//	                        leader; prints the leader as "ID ADDRESS"
//	add ID ADDRESS          adds node ID at ADDRESS as a voter (retried
//	                        until the node is reachable and caught up)
//	transfer ID             makes node ID the leader
//	exec DB FILE            runs the SQL script FILE ('-': standard input)
//	                        with one Exec per statement (split at ';' outside
//	                        quotes, comments and trigger bodies: splitSQL)
//	                        on one connection, so temp tables live from one
//	                        statement to the next
//	query DB SQL            prints SQL's rows as the sqlite3 shell's list
//	                        mode does: '|' between columns, NULL empty,
//	                        reals as SQLite's %!.15g, once the whole result
//	                        is in; a lost leader is retried, a runtime error
//	                        is reported with its real text (see queryFail)
//	stream DB TABLE FROM N ACKFILE
//	                        inserts rows (id, note) with id FROM..FROM+N-1,
//	                        one autocommit INSERT each, and appends each id
//	                        to ACKFILE once the cluster acknowledged it. A
//	                        failed INSERT (leader lost) is retried with
//	                        INSERT OR IGNORE until acknowledged or until
//	                        -timeout; it prints "acked A errors E".
package main

import (
	"context"
	"database/sql"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/canonical/go-dqlite/client"
	"github.com/canonical/go-dqlite/driver"
)

var (
	servers = flag.String("s", "", "comma-separated node addresses")
	timeout = flag.Duration("timeout", 30*time.Second, "deadline of the command")
)

func fail(cmd string, err error) {
	fmt.Fprintf(os.Stderr, "kpicluster: %s: %v\n", cmd, err)
	os.Exit(1)
}

func usage(why string) {
	fmt.Fprintf(os.Stderr, "kpicluster: %s\n", why)
	fmt.Fprintln(os.Stderr, "usage: kpicluster -s ADDRS [-timeout D] leader|wait-voters N|add ID ADDR|transfer ID|exec DB FILE|query DB SQL|stream DB TABLE FROM N ACKFILE")
	os.Exit(2)
}

func store() client.NodeStore {
	st := client.NewInmemNodeStore()
	var infos []client.NodeInfo
	for _, a := range strings.Split(*servers, ",") {
		if a != "" {
			infos = append(infos, client.NodeInfo{Address: a})
		}
	}
	if len(infos) == 0 {
		usage("-s needs at least one address")
	}
	if err := st.Set(context.Background(), infos); err != nil {
		fail("store", err)
	}
	return st
}

func silent(l client.LogLevel, format string, a ...interface{}) {}

// retry calls f until it succeeds or ctx ends, with a short pause between
// tries; it returns the last error.
func retry(ctx context.Context, f func(context.Context) error) error {
	var err error
	for {
		attempt, cancel := context.WithTimeout(ctx, 2*time.Second)
		err = f(attempt)
		cancel()
		if err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("%v (gave up after %v)", err, *timeout)
		case <-time.After(100 * time.Millisecond):
		}
	}
}

func withLeader(ctx context.Context, f func(context.Context, *client.Client) error) error {
	return retry(ctx, func(c context.Context) error {
		cli, err := client.FindLeader(c, store(), client.WithLogFunc(silent))
		if err != nil {
			return err
		}
		defer cli.Close()
		return f(c, cli)
	})
}

func leader(ctx context.Context, voters int) {
	var info *client.NodeInfo
	err := withLeader(ctx, func(c context.Context, cli *client.Client) error {
		l, err := cli.Leader(c)
		if err != nil {
			return err
		}
		if l == nil || l.ID == 0 {
			return errors.New("no leader yet")
		}
		if voters > 0 {
			nodes, err := cli.Cluster(c)
			if err != nil {
				return err
			}
			n := 0
			for _, node := range nodes {
				if node.Role == client.Voter {
					n++
				}
			}
			if n != voters {
				return fmt.Errorf("%d voters, want %d", n, voters)
			}
		}
		info = l
		return nil
	})
	if err != nil {
		fail("leader", err)
	}
	fmt.Printf("%d %s\n", info.ID, info.Address)
}

func add(ctx context.Context, id uint64, address string) {
	added := false
	err := withLeader(ctx, func(c context.Context, cli *client.Client) error {
		if !added {
			err := cli.Add(c, client.NodeInfo{ID: id, Address: address, Role: client.Spare})
			if err != nil && !strings.Contains(err.Error(), "already") {
				return err
			}
			added = true
		}
		return cli.Assign(c, id, client.Voter)
	})
	if err != nil {
		fail("add", err)
	}
}

func transfer(ctx context.Context, id uint64) {
	err := withLeader(ctx, func(c context.Context, cli *client.Client) error {
		l, err := cli.Leader(c)
		if err == nil && l != nil && l.ID == id {
			return nil
		}
		if err := cli.Transfer(c, id); err != nil {
			return err
		}
		l, err = cli.Leader(c)
		if err != nil {
			return err
		}
		if l == nil || l.ID != id {
			return errors.New("leadership not yet moved")
		}
		return nil
	})
	if err != nil {
		fail("transfer", err)
	}
}

func open(ctx context.Context, dbname string) *sql.DB {
	drv, err := driver.New(store(), driver.WithLogFunc(silent),
		driver.WithContext(ctx), driver.WithConnectionTimeout(2*time.Second))
	if err != nil {
		fail("driver", err)
	}
	sql.Register("dqlite", drv)
	db, err := sql.Open("dqlite", dbname)
	if err != nil {
		fail("open", err)
	}
	return db
}

// splitSQL cuts a script into statements: a ';' ends one only outside
// quotes ('...', "...", `...`, [...]) and comments (-- and /* */), and a
// CREATE TRIGGER's body runs to its END;. Lines starting with '.' (shell
// commands) are refused, since the cluster has no shell.
func splitSQL(script string) ([]string, error) {
	var out []string
	var cur strings.Builder
	trigger := false
	flush := func() {
		s := strings.TrimSpace(cur.String())
		cur.Reset()
		if s != "" && s != ";" {
			out = append(out, s)
		}
	}
	for i := 0; i < len(script); i++ {
		ch := script[i]
		if strings.TrimSpace(cur.String()) == "" && ch == '.' {
			end := strings.IndexByte(script[i:], '\n')
			if end < 0 {
				end = len(script) - i
			}
			return nil, fmt.Errorf("shell command %q cannot run in a cluster", script[i:i+end])
		}
		switch {
		case ch == '\'' || ch == '"' || ch == '`' || ch == '[':
			closing := ch
			if ch == '[' {
				closing = ']'
			}
			j := i + 1
			for j < len(script) && script[j] != closing {
				j++
			}
			if j >= len(script) {
				return nil, errors.New("unterminated quote")
			}
			cur.WriteString(script[i : j+1])
			i = j
		case ch == '-' && i+1 < len(script) && script[i+1] == '-':
			for i < len(script) && script[i] != '\n' {
				i++
			}
			cur.WriteByte('\n')
		case ch == '/' && i+1 < len(script) && script[i+1] == '*':
			end := strings.Index(script[i+2:], "*/")
			if end < 0 {
				return nil, errors.New("unterminated comment")
			}
			i += end + 3
			cur.WriteByte(' ')
		case ch == ';':
			cur.WriteByte(ch)
			s := strings.ToUpper(strings.Join(strings.Fields(cur.String()), " "))
			if !trigger && (strings.HasPrefix(s, "CREATE TRIGGER") ||
				strings.HasPrefix(s, "CREATE TEMP TRIGGER") ||
				strings.HasPrefix(s, "CREATE TEMPORARY TRIGGER")) {
				trigger = true
			}
			if !trigger || strings.HasSuffix(s, " END;") {
				trigger = false
				flush()
			}
		default:
			cur.WriteByte(ch)
		}
	}
	flush()
	return out, nil
}

func execFile(ctx context.Context, dbname, file string) {
	var data []byte
	var err error
	if file == "-" {
		data, err = io.ReadAll(os.Stdin)
	} else {
		data, err = os.ReadFile(file)
	}
	if err != nil {
		fail("exec", err)
	}
	stmts, err := splitSQL(string(data))
	if err != nil {
		fail("exec", fmt.Errorf("%s: %v", file, err))
	}
	db := open(ctx, dbname)
	defer db.Close()
	// One connection: temp tables (kpi_csv imports) are per connection.
	conn, err := db.Conn(ctx)
	if err != nil {
		fail("exec", err)
	}
	defer conn.Close()
	for i, s := range stmts {
		// Exec, never Query: DDL sent as a query does nothing in dqlite.
		if _, err := conn.ExecContext(ctx, s); err != nil {
			fail("exec", fmt.Errorf("%s: statement %d: %v\n%s", file, i+1, err, s))
		}
	}
}

// formatReal prints f as SQLite's "%!.15g" does: 15 significant digits and
// a ".0" when the digits would otherwise read as an integer.
func formatReal(f float64) string {
	if math.IsInf(f, 1) {
		return "Inf"
	}
	if math.IsInf(f, -1) {
		return "-Inf"
	}
	s := strconv.FormatFloat(f, 'g', 15, 64)
	mant, exp := s, ""
	if k := strings.IndexByte(s, 'e'); k >= 0 {
		mant, exp = s[:k], s[k:]
	}
	if !strings.Contains(mant, ".") {
		mant += ".0"
	}
	return mant + exp
}

func formatValue(v interface{}) string {
	switch x := v.(type) {
	case nil:
		return ""
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		return formatReal(x)
	case []byte:
		return string(x)
	case string:
		return x
	case bool:
		if x {
			return "1"
		}
		return "0"
	case time.Time:
		return x.Format("2006-01-02 15:04:05")
	default:
		return fmt.Sprint(x)
	}
}

// queryFail reports a failed query. dqlite 1.11 sends a runtime error met
// while stepping a query (such as kpi's "nps: score 11 is outside 0..10 in
// argument 1") with a column's name as its message; the same statement run
// as an Exec gets the real one, so that is shown too.
func queryFail(ctx context.Context, db *sql.DB, q string, err error) {
	if _, e := db.ExecContext(ctx, q); e != nil && e.Error() != err.Error() {
		err = fmt.Errorf("%v (dqlite 1.11's text for a runtime error; as an exec: %v)", err, e)
	}
	fail("query", err)
}

// queryOnce runs q and returns its rows as the sqlite3 shell prints them.
func queryOnce(ctx context.Context, db *sql.DB, q string) (string, error) {
	rows, err := db.QueryContext(ctx, q)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return "", err
	}
	var out strings.Builder
	vals := make([]interface{}, len(cols))
	ptrs := make([]interface{}, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return "", err
		}
		for i, v := range vals {
			if i > 0 {
				out.WriteByte('|')
			}
			out.WriteString(formatValue(v))
		}
		out.WriteByte('\n')
	}
	return out.String(), rows.Err()
}

// query prints q's rows once the whole result has arrived. An error that
// SQLite raised (a driver.Error) is final; any other (a lost connection,
// a change of leader) is retried until -timeout, since a read can be.
func query(ctx context.Context, dbname, q string) {
	db := open(ctx, dbname)
	defer db.Close()
	for {
		out, err := queryOnce(ctx, db, q)
		if err == nil {
			os.Stdout.WriteString(out)
			return
		}
		var sqlErr driver.Error
		if errors.As(err, &sqlErr) || ctx.Err() != nil {
			queryFail(ctx, db, q, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func stream(ctx context.Context, dbname, table string, from, n int64, ackFile string) {
	ack, err := os.OpenFile(ackFile, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		fail("stream", err)
	}
	defer ack.Close()
	db := open(ctx, dbname)
	defer db.Close()
	acked, errs := 0, 0
	for id := from; id < from+n; id++ {
		verb := "INSERT"
		for {
			c, cancel := context.WithTimeout(ctx, 3*time.Second)
			_, err := db.ExecContext(c,
				verb+" INTO "+table+" (id, note) VALUES (?, ?)", id, fmt.Sprintf("row %d", id))
			cancel()
			if err == nil {
				break
			}
			// Whether a failed INSERT committed is unknown: try again
			// with OR IGNORE, and count the row only once acknowledged.
			errs++
			verb = "INSERT OR IGNORE"
			if ctx.Err() != nil {
				fmt.Printf("acked %d errors %d\n", acked, errs)
				fail("stream", fmt.Errorf("row %d: %v", id, err))
			}
			time.Sleep(50 * time.Millisecond)
		}
		if _, err := fmt.Fprintf(ack, "%d\n", id); err != nil {
			fail("stream", err)
		}
		acked++
	}
	fmt.Printf("acked %d errors %d\n", acked, errs)
}

func number(s string) int64 {
	v, err := strconv.ParseInt(s, 10, 64)
	if err != nil || v < 0 {
		usage(fmt.Sprintf("not a non-negative integer: '%s'", s))
	}
	return v
}

func main() {
	flag.Parse()
	args := flag.Args()
	if len(args) == 0 {
		usage("missing command")
	}
	ctx, cancel := context.WithTimeout(context.Background(), *timeout)
	defer cancel()
	need := func(n int) {
		if len(args) != n+1 {
			usage(fmt.Sprintf("%s takes %d arguments", args[0], n))
		}
	}
	switch args[0] {
	case "leader":
		need(0)
		leader(ctx, 0)
	case "wait-voters":
		need(1)
		leader(ctx, int(number(args[1])))
	case "add":
		need(2)
		add(ctx, uint64(number(args[1])), args[2])
	case "transfer":
		need(1)
		transfer(ctx, uint64(number(args[1])))
	case "exec":
		need(2)
		execFile(ctx, args[1], args[2])
	case "query":
		need(2)
		query(ctx, args[1], args[2])
	case "stream":
		need(5)
		stream(ctx, args[1], args[2], number(args[3]), number(args[4]), args[5])
	default:
		usage("unknown command " + args[0])
	}
}
