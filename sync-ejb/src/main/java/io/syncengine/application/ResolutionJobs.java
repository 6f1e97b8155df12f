package io.syncengine.application;

import io.syncengine.SyncNames;
import io.syncengine.domain.model.Conflict;
import io.syncengine.domain.model.ConflictResolution;
import io.syncengine.domain.model.ConflictType;
import io.syncengine.domain.model.FieldError;
import io.syncengine.domain.model.ResolutionAction;
import io.syncengine.domain.model.ResolutionJob;
import jakarta.annotation.Resource;
import jakarta.ejb.Asynchronous;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Bulk resolution ("accept the server price for all 200 conflicts from store 12 during the outage"). The job is
 * recorded first; then, off the request thread, the conflicts it matches (open, no resolution on its way, detected
 * before the job was created) are handed over in chunks of {@value #CHUNK}, oldest first, each chunk in its own XA
 * transaction with its resolutions' operations and messages. Each conflict is resolved as its own operation.
 */
@Stateless
public class ResolutionJobs {

    private static final Logger LOG = Logger.getLogger(ResolutionJobs.class.getName());
    static final int CHUNK = 100;

    @PersistenceContext(unitName = SyncNames.PERSISTENCE_UNIT)
    private EntityManager em;

    @EJB
    private ConflictResolutions resolutions;

    @Resource
    private SessionContext context;

    /** Records the job; the caller then starts it with {@link #run}. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public String create(Caller caller, BulkResolutionRequest request) {
        if (request.action() == ResolutionAction.APPLY_MERGED) {
            throw new InvalidRequestException(List.of(new FieldError("/action",
                    "APPLY_MERGED needs data per record; resolve those conflicts one by one")));
        }
        if (request.comment() != null && request.comment().length() > ConflictResolutions.MAX_COMMENT) {
            throw new InvalidRequestException(List.of(new FieldError("/comment",
                    "must be at most " + ConflictResolutions.MAX_COMMENT + " characters long")));
        }
        ResolutionJob job = ResolutionJob.started(caller.tenant(), request.action(), request.comment(),
                request.filterJson(), caller.subject(), OffsetDateTime.now(ZoneOffset.UTC));
        em.persist(job);
        return job.getId();
    }

    /** Submits the job's conflicts, chunk by chunk, until none is left. */
    @Asynchronous
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void run(String jobId) {
        ResolutionJobs self = context.getBusinessObject(ResolutionJobs.class);
        try {
            while (self.submitChunk(jobId)) {
                // each chunk commits on its own
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "bulk resolution " + jobId + " stopped; the recovery sweep resumes it", e);
        }
    }

    /** @return whether there may be more to submit */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean submitChunk(String jobId) {
        ResolutionJob job = em.find(ResolutionJob.class, jobId, LockModeType.PESSIMISTIC_WRITE);
        if (job == null || job.getStatus() != ResolutionJob.Status.SUBMITTING) {
            return false;
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        List<Conflict> chunk = nextChunk(job);
        if (chunk.isEmpty()) {
            job.finished(now);
            return false;
        }
        ResolutionRequest request = new ResolutionRequest(job.getAction(), null, job.getComment());
        int submitted = 0;
        int skipped = 0;
        String skipReason = null;
        for (Conflict conflict : chunk) {
            List<FieldError> errors = new ArrayList<>();
            if (resolutions.submit(job.getRequestedBy(), conflict, request, jobId, errors) != null) {
                submitted++;
            } else {
                skipped++;
                skipReason = "conflict " + conflict.getId() + ": " + errors.get(0).message();
            }
        }
        job.advanced(chunk.get(chunk.size() - 1), submitted, skipped, skipReason, now);
        return true;
    }

    /** Jobs still submitting whose last chunk is older than {@code idleSeconds} (their run was cut short). */
    public List<String> stalled(int idleSeconds) {
        return em.createQuery("SELECT j.id FROM ResolutionJob j WHERE j.status = :submitting "
                        + "AND j.updatedAt < :before", String.class)
                .setParameter("submitting", ResolutionJob.Status.SUBMITTING)
                .setParameter("before", OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(idleSeconds))
                .setMaxResults(20)
                .getResultList();
    }

    /** Progress of a job; with {@code waitSeconds} held until it is DONE or FAILED (or the time is up). */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public ResolutionJobView get(Caller caller, String jobId, int waitSeconds) {
        return LongPoll.await(() -> read(caller, jobId),
                view -> view.status().equals("DONE") || view.status().equals("FAILED"), waitSeconds);
    }

    private ResolutionJobView read(Caller caller, String jobId) {
        ResolutionJob job = em.find(ResolutionJob.class, jobId);
        if (job == null || !job.getTenant().equals(caller.tenant())) {
            throw new NotFoundException("resolution job " + jobId);
        }
        Map<ConflictResolution.Status, Long> counts = new EnumMap<>(ConflictResolution.Status.class);
        for (Object[] row : em.createQuery("SELECT r.status, COUNT(r) FROM ConflictResolution r "
                        + "WHERE r.jobId = :job GROUP BY r.status", Object[].class)
                .setParameter("job", jobId)
                .getResultList()) {
            counts.put((ConflictResolution.Status) row[0], ((Number) row[1]).longValue());
        }
        long pending = counts.getOrDefault(ConflictResolution.Status.PENDING, 0L);
        String status = switch (job.getStatus()) {
            case SUBMITTING -> "SUBMITTING";
            case SUBMITTED -> pending > 0 ? "APPLYING" : "DONE";
            case FAILED -> "FAILED";
        };
        JsonObject filter = job.filterJson();
        return new ResolutionJobView(job.getId(), status, job.getAction().name(), job.getComment(), filter,
                job.getRequestedBy(), job.getCreatedAt(), job.getFinishedAt(), job.getSubmitted(), job.getSkipped(),
                pending, counts.getOrDefault(ConflictResolution.Status.RESOLVED, 0L),
                counts.getOrDefault(ConflictResolution.Status.STILL_OPEN, 0L),
                counts.getOrDefault(ConflictResolution.Status.FAILED, 0L), job.getError());
    }

    private List<Conflict> nextChunk(ResolutionJob job) {
        JsonObject filter = job.filterJson();
        StringBuilder jpql = new StringBuilder("SELECT c FROM Conflict c WHERE c.tenant = :tenant "
                + "AND c.status = :open AND c.resolutionId IS NULL AND c.detectedAt <= :created");
        if (filter.containsKey("deviceId")) {
            jpql.append(" AND c.deviceId = :device");
        }
        if (filter.containsKey("entity")) {
            jpql.append(" AND c.entity = :entity");
        }
        if (filter.containsKey("type")) {
            jpql.append(" AND c.conflictType = :type");
        }
        if (filter.containsKey("from")) {
            jpql.append(" AND c.detectedAt >= :from");
        }
        if (filter.containsKey("to")) {
            jpql.append(" AND c.detectedAt < :to");
        }
        if (job.getLastConflictId() != null) {
            jpql.append(" AND (c.detectedAt > :lastAt OR (c.detectedAt = :lastAt AND c.id > :lastId))");
        }
        jpql.append(" ORDER BY c.detectedAt, c.id");
        TypedQuery<Conflict> query = em.createQuery(jpql.toString(), Conflict.class)
                .setParameter("tenant", job.getTenant())
                .setParameter("open", Conflict.Status.OPEN)
                .setParameter("created", job.getCreatedAt());
        if (filter.containsKey("deviceId")) {
            query.setParameter("device", filter.getString("deviceId"));
        }
        if (filter.containsKey("entity")) {
            query.setParameter("entity", filter.getString("entity"));
        }
        if (filter.containsKey("type")) {
            query.setParameter("type", ConflictType.valueOf(filter.getString("type")));
        }
        if (filter.containsKey("from")) {
            query.setParameter("from", OffsetDateTime.parse(filter.getString("from")));
        }
        if (filter.containsKey("to")) {
            query.setParameter("to", OffsetDateTime.parse(filter.getString("to")));
        }
        if (job.getLastConflictId() != null) {
            query.setParameter("lastAt", job.getLastDetectedAt()).setParameter("lastId", job.getLastConflictId());
        }
        return query.setLockMode(LockModeType.PESSIMISTIC_WRITE).setMaxResults(CHUNK).getResultList();
    }
}
