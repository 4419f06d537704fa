-- experiment.sql: the experiment readout, from the kpi_experiments table
-- that sql/materialize.sql wrote. For a rate, the difference is in
-- percentage points and the lift in percent of the control rate, each
-- with its 95 % interval; for a mean, the difference is in the outcome's
-- own unit (Welch interval).
--
--   $ sqlite3 kpi_dashboard.db < examples/experiment.sql
.mode box
.nullvalue ''
SELECT experiment, outcome, control_n, treatment_n,
       CASE kind WHEN 'rate' THEN printf('%.2f%%', 100 * control)
                 ELSE printf('%.2f', control) END AS control,
       CASE kind WHEN 'rate' THEN printf('%.2f%%', 100 * treatment)
                 ELSE printf('%.2f', treatment) END AS treatment,
       CASE kind WHEN 'rate'
         THEN printf('%+.2f pp [%+.2f, %+.2f]', 100 * diff, 100 * diff_lo,
                     100 * diff_hi)
         ELSE printf('%+.2f [%+.2f, %+.2f]', diff, diff_lo, diff_hi)
       END AS difference,
       CASE WHEN lift IS NOT NULL
         THEN printf('%+.1f%% [%+.1f, %+.1f]', 100 * lift, 100 * lift_lo,
                     100 * lift_hi) END AS lift,
       printf('%.4f', p_value) AS p
FROM kpi_experiments
ORDER BY experiment, outcome;
