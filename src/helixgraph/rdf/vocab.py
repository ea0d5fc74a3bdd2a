"""The helixgraph ontology's terms as an rdflib namespace: ``HX.government``, ...

Generated from ``ontology/helixgraph.ttl`` by ``make vocab``; a test keeps the two in sync. A
misspelt term raises ``AttributeError`` instead of minting a new IRI:

>>> HX.government
rdflib.term.URIRef('https://w3id.org/helixgraph/ns#government')
>>> HX.goverment
Traceback (most recent call last):
...
AttributeError: term 'goverment' not in namespace 'https://w3id.org/helixgraph/ns#'
"""

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef


class HX(DefinedNamespace):
    _fail = True
    _NS = Namespace("https://w3id.org/helixgraph/ns#")

    # Classes
    Cluster: URIRef  # cluster
    Ecosystem: URIRef  # innovation ecosystem
    Initiative: URIRef  # initiative
    Project: URIRef  # project

    # Concept schemes
    ActivityType: URIRef  # CORDIS activity types
    Helix: URIRef  # quadruple helix
    HelixRole: URIRef  # ecosystem roles
    Indicator: URIRef  # ecosystem indicators
    MembershipRole: URIRef  # membership roles
    ProgrammePart: URIRef  # Horizon 2020 programme parts
    Sector: URIRef  # sectors
    ServiceType: URIRef  # service types

    # Properties
    accreditedSince: URIRef  # accredited since
    activityType: URIRef  # activity type
    collaboratesWith: URIRef  # collaborates with
    country: URIRef
    declaredMemberCount: URIRef  # declared member count
    euContribution: URIRef  # EU contribution
    funds: URIRef
    illustrative: URIRef
    importer: URIRef
    linkedTo: URIRef  # tie
    maxContribution: URIRef  # maximum EU contribution
    pendingImport: URIRef  # pending import
    pic: URIRef  # PIC
    playsRole: URIRef  # plays role
    primaryHelix: URIRef  # primary helix
    programmePart: URIRef  # programme part
    providesServiceTo: URIRef  # provides service to
    rcn: URIRef  # CORDIS record number
    region: URIRef
    rowsRead: URIRef  # rows read
    rowsRejected: URIRef  # rows rejected
    rowsWritten: URIRef  # rows written
    sector: URIRef
    sha256: URIRef  # SHA-256
    since: URIRef
    sme: URIRef  # SME
    sourceFile: URIRef  # source file
    sourceGraph: URIRef  # source graph
    totalCost: URIRef  # total cost
    tripleCount: URIRef  # triple count
    typicalHelix: URIRef  # typical helix
    weight: URIRef

    # Concepts
    academia: URIRef
    activeClusterCount: URIRef  # number of active clusters
    activityHES: URIRef  # higher or secondary education establishment
    activityOTH: URIRef  # other (associations, NGOs, foundations, patient groups, clusters)
    activityPRC: URIRef  # private for-profit company
    activityPUB: URIRef  # public body (excluding research and education)
    activityREC: URIRef  # research organisation
    appliedResearch: URIRef  # applied research
    associatedPartner: URIRef  # associated partner
    basicResearch: URIRef  # basic research
    business: URIRef
    clusterCount: URIRef  # number of clusters
    clusterExports: URIRef  # exports of clusters
    clusterJobs: URIRef  # jobs in clusters
    clusterManagement: URIRef  # cluster management
    clusterManager: URIRef  # cluster management organisation
    clusterMember: URIRef  # cluster member
    clusterOrganiser: URIRef  # cluster organiser
    clusterRdiInvestment: URIRef  # RDI investment of clusters
    clusterTurnover: URIRef  # turnover of clusters
    community: URIRef
    cooperatingInstitute: URIRef  # cooperating scientific institute
    coordinator: URIRef
    deviceDevelopment: URIRef  # development of medical devices
    digitalHealthTools: URIRef  # digital health tools
    funder: URIRef  # R&D funder
    government: URIRef
    infrastructureFunding: URIRef  # infrastructure funding
    insightProvider: URIRef  # insight provider
    internationalPartner: URIRef  # international partner
    knowledgeSharer: URIRef  # knowledge sharer
    knowledgeTransfer: URIRef  # sharing results and expertise
    membersPerCluster: URIRef  # members per cluster
    organiser: URIRef
    partARF: URIRef  # Access to Risk Finance
    partEIT: URIRef  # European Institute of Innovation and Technology
    partERC: URIRef  # European Research Council
    partEuratom: URIRef  # Euratom
    partFET: URIRef  # Future and Emerging Technologies
    partJRC: URIRef  # Joint Research Centre
    partLEIT: URIRef  # Leadership in Enabling and Industrial Technologies
    partMSCA: URIRef  # Marie Skłodowska-Curie Actions
    partRI: URIRef  # Research Infrastructures
    partSC1: URIRef  # Health, demographic change and wellbeing
    partSC2: URIRef  # Food security, sustainable agriculture, marine research and the bioeconomy
    partSC3: URIRef  # Secure, clean and efficient energy
    partSC4: URIRef  # Smart, green and integrated transport
    partSC5: URIRef  # Climate action, environment, resource efficiency and raw materials
    partSC6: URIRef  # Europe in a changing world: inclusive, innovative and reflective societies
    partSC7: URIRef  # Secure societies
    partSEWP: URIRef  # Spreading excellence and widening participation
    partSMEs: URIRef  # Innovation in SMEs
    partSWAFS: URIRef  # Science with and for society
    participant: URIRef
    partner: URIRef
    patientAdvocacy: URIRef  # patient advocacy
    patientAdvocate: URIRef  # patient advocate
    policyCoordination: URIRef  # policy coordination
    policyCoordinator: URIRef  # policy coordinator
    rdGrants: URIRef  # R&D subsidies and grants
    researchLeader: URIRef  # research leader
    sectorEducation: URIRef  # education
    sectorHealth: URIRef  # human health activities
    sectorICT: URIRef  # information and communication
    sectorMedicalDevices: URIRef  # medical and dental instruments
    sectorPharma: URIRef  # pharmaceuticals
    sectorPublicAdministration: URIRef  # public administration
    sectorResearch: URIRef  # scientific research and development
    solutionDeveloper: URIRef  # solution developer
    thirdParty: URIRef  # third party
    treatmentDevelopment: URIRef  # development of new treatments
    userFeedback: URIRef  # real-world insight and feedback
